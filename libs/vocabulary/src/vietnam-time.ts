/** The zone every local day, wall time and posting slot of Nhịp is in. */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/**
 * Asia/Ho_Chi_Minh has kept UTC+7 without daylight saving since June 1975, so hot paths (feeds, calendar
 * days) and the browser may use this fixed offset; everything else goes through `@nhip/core`'s
 * Vietnam-time functions.
 */
export const VIETNAM_UTC_OFFSET_MS = 7 * 60 * 60 * 1000;
