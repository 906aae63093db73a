import { bodyOf, operationRoute } from '@/lib/operations/http';

/** Creates a Zoom meeting `{ topic, startTime, duration, settings? }`. */
export const POST = operationRoute({ type: 'zoom', action: 'create_meeting' }, bodyOf);
