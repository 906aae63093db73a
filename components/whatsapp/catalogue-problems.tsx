import { TriangleAlert } from '@/components/icons';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';

/**
 * Tells a superadmin what is wrong with WHATSAPP_ENDPOINTS (development only: production refuses to
 * start). Each problem names an entry by position and name, never its URL or key.
 */
export function CatalogueProblems({ status }: { status: { configured: boolean; problems: string[]; count: number } }) {
  if (status.problems.length) {
    return (
      <Alert variant="destructive" className="mb-6">
        <TriangleAlert aria-hidden />
        <AlertTitle>WHATSAPP_ENDPOINTS is invalid, so no endpoint can be assigned</AlertTitle>
        <AlertDescription>
          <ul className="list-disc pl-4">
            {status.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          <p>Fix the variable in the server environment and restart the portal.</p>
        </AlertDescription>
      </Alert>
    );
  }
  if (!status.configured || status.count === 0) {
    return (
      <Alert className="mb-6">
        <TriangleAlert aria-hidden />
        <AlertTitle>No WhatsApp endpoints are configured</AlertTitle>
        <AlertDescription>Set WHATSAPP_ENDPOINTS in the server environment (see .env.example) and restart the portal.</AlertDescription>
      </Alert>
    );
  }
  return null;
}
