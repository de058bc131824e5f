import { createOutboundHttp } from '@nhip/core';

/**
 * The guarded outbound client as a deployment with NHIP_OUTBOUND_ALLOW_PRIVATE=true has it: the tests'
 * sites and stations listen on 127.0.0.1. Adapters built without it refuse private hosts.
 */
export const localOutbound = createOutboundHttp({ allowPrivate: true });
