// Requests for the 3D views' cameras that come from commands (`view reset`). The command
// handler lives in AppState and the cameras in whichever Cluster3D panes are mounted, so the
// request is a counter they watch rather than a call into a component.
export const cameraRequests = $state({ reset: 0 });
