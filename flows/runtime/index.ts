/** Wiring: the services assembled, transports, and an embedded registry for zero-set-up runs. */
export { FlowSystem, type FlowSystemOptions } from './flow-system.js';
export { connectTransport, type TransportChoice } from './connect-transport.js';
export { startEmbeddedRegistry } from './embedded-registry.js';
