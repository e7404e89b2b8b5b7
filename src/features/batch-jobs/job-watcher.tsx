import { useEffect } from 'react';
import type { JobStatus } from '../../core/batch/batch-job-state';
import type { BesContext, CallListener } from './bes-calls';
import { useJobWatch, type WatchData } from './use-job-watch';

export interface WatchHandle {
  data: WatchData | undefined;
  restart: () => void;
}

/**
 * Watches one job while it is mounted, whether or not it is the one on screen, so every
 * running job in the list keeps its state current. Renders nothing; reports upwards.
 */
export function JobWatcher({
  jobId,
  context,
  onStatus,
  onCall,
  onWatch,
}: {
  jobId: string;
  context: BesContext;
  onStatus: (jobId: string, status: JobStatus) => void;
  onCall: CallListener;
  onWatch: (jobId: string, handle: WatchHandle | undefined) => void;
}) {
  const watch = useJobWatch({
    context,
    jobId,
    enabled: true,
    onCall,
    onStatus: (status) => onStatus(jobId, status),
  });
  const { data, restart } = watch;
  useEffect(() => {
    onWatch(jobId, { data, restart });
  }, [jobId, data, restart, onWatch]);
  useEffect(() => () => onWatch(jobId, undefined), [jobId, onWatch]);
  return null;
}
