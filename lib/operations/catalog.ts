import { ctosOperations } from '@/lib/integrations/providers/ctos.operations';
import { docusealOperations } from '@/lib/integrations/providers/docuseal.operations';
import type { OperationDeclarations } from './define';

// Every integration's operations as declared (client-safe: names and schemas, no provider code), for
// the API reference and the pages that list them. The server finds the same declarations on each
// provider's server module; a test checks the two agree.

export const operationCatalog: readonly { type: string; name: string; declarations: OperationDeclarations }[] = [
  { type: 'docuseal', name: 'DocuSeal', declarations: docusealOperations },
  { type: 'ctos', name: 'CTOS eKYC', declarations: ctosOperations },
];
