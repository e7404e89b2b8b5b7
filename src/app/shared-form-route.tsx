import { useEffect, useMemo } from 'react';
import { Link, useLocation } from 'wouter';
import type { ApiCatalog } from '../core/definition/api-model';
import { handOffForm } from '../core/history/form-handoff';
import { decodeShareState } from '../core/request/share-link';
import { paths } from './api-paths';
import { Loading, NotFound, useTitle } from './route-states';

// Its own module, loaded only when a share link is opened: the decompressor stays off the first load.
/** A share link: fills the operation's form from the fragment and opens it; never sends. */
export function SharedFormRoute({
  api,
  slug,
  payload,
}: {
  api: ApiCatalog;
  slug: string;
  payload: string;
}) {
  const [, navigate] = useLocation();
  const form = useMemo(() => decodeShareState(payload), [payload]);
  const known = api.operations.some((o) => o.slug === slug);
  useEffect(() => {
    if (!form || !known) return;
    handOffForm({
      apiId: api.id,
      operationSlug: slug,
      form,
      notice:
        'Opened from a shared link: nothing was sent. Keys are never in a link: check that yours are set, then press Send.',
    });
    navigate(paths.operation(api.id, slug), { replace: true });
  }, [form, known, api.id, slug, navigate]);
  useTitle('Shared link');
  if (!known) {
    return (
      <NotFound>
        {api.title} has no operation <code>{slug}</code>.
      </NotFound>
    );
  }
  if (!form) {
    return (
      <NotFound>
        This shared link is damaged or incomplete (it may have been cut when it was pasted). Ask for
        it again, or <Link href={paths.operation(api.id, slug)}>open the operation</Link>.
      </NotFound>
    );
  }
  return <Loading what="the shared request" />;
}
