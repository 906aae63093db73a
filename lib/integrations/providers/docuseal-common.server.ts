import 'server-only';
import { ProbeFailure, rateLimited, unexpected, type ProbeResponse } from '../define.server';

// What DocuSeal's connection test and its operations share: how a refusal of the API key reads.
// (Its own module, so the operations can use it without importing the provider that wires them.)

export function docusealFailure(response: ProbeResponse): ProbeFailure {
  switch (response.status) {
    case 401:
      return new ProbeFailure('bad_credentials', 'DocuSeal did not accept this API key.', 'Copy the key again from Settings → API in DocuSeal.');
    case 403:
      return new ProbeFailure(
        'missing_scope',
        'DocuSeal refused this API key access to templates.',
        'On DocuSeal cloud, testing and production keys are separate: use the key for the environment you want, and a user allowed to read templates.',
      );
    case 404:
      return new ProbeFailure(
        'not_found',
        'No DocuSeal API answered at this base URL.',
        'Cloud: https://api.docuseal.com (or https://api.docuseal.eu). Self-hosted: your address followed by /api.',
      );
    case 429:
      return rateLimited(response, 'DocuSeal');
    default:
      return unexpected(response, 'DocuSeal');
  }
}
