import { useId } from 'react';
import { approvalCommand } from '../../../core/apim/subscription-approval';
import { CopyButton } from '../../../components/copy-button';

/**
 * For a subscription waiting for approval on the local gateway: who approves it and the exact
 * call. In APIM an administrator approves it in the Azure portal; here the stack's admin key
 * does it through the management API.
 */
export function ApprovalNote({
  managementUrl,
  subscriptionId,
}: {
  managementUrl: string | undefined;
  subscriptionId: string;
}) {
  const id = useId();
  const command = managementUrl ? approvalCommand(managementUrl, subscriptionId) : undefined;
  return (
    <div className="apim-approval" role="note" aria-labelledby={id}>
      <p>
        <strong id={id}>How approval works here</strong>
      </p>
      <p>
        In Azure API Management an administrator approves the subscription in the Azure portal. In
        the local demo whoever runs the stack is the administrator: they approve it through the
        gateway’s management API with the admin key the stack printed (<code>APIM_ADMIN_KEY</code>
        ). Until then the gateway refuses its keys.
      </p>
      {command && (
        <div className="apim-approval__call">
          <code>{command}</code>
          <CopyButton text={command} label="Copy the approval call" />
        </div>
      )}
    </div>
  );
}
