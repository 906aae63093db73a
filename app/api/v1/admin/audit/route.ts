import { auditRoutes } from '@/lib/audit/routes';

export const GET = auditRoutes('platform').list;
