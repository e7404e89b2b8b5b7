/** Where the workflows views link to: the app's routes, handed down so features know no paths. */
export interface WorkflowLinks {
  workflows: string;
  workflow: (documentId: string, workflowId: string) => string;
  workflowStep: (documentId: string, workflowId: string, stepId: string) => string;
}
