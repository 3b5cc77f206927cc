// Dashboard paths the documents link to (rendered as links on the dashboard only): a view's page
// is /<view>/<argument>, the argument percent-encoded except the ':' and '/' of subject ids.
export function viewPath(view: string, arg: string): string {
  return `/${view}/${encodeURIComponent(arg).replace(/%3A/gi, ':').replace(/%2F/gi, '/')}`;
}
