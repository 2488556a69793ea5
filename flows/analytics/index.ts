/** Stream processing: event-time windows of orders and revenue per region, top and high-value customers. */
export { OrderMetrics, type AnalyticsOutput, type OrderMetricsOptions, type OrderMetricsState } from './order-metrics.js';
export { AnalyticsStream, analyticsSchema, type AnalyticsStreamOptions } from './analytics-stream.js';
export { windowOf } from './tumbling-window.js';
