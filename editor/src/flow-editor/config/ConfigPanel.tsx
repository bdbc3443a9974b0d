export function ConfigPanel(_: { nodeId: string; readOnly?: boolean }) {
  return <div />;
}
