export type { DecisionRequest, ItemKind, ItemStatus, ReviewItem } from "./review-item.ts";
export { isLoopback, type RunningReview, type ServeOptions, serveReview } from "./review-server.ts";
export {
  ConflictError,
  openReview,
  type ReviewOptions,
  type ReviewSources,
  ReviewStore,
} from "./review-store.ts";
