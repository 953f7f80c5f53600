/** Browser-facing renderings of decoded records. */
export { toListItem } from './to-list-item';
export { renderKey, formatLsn, logPositionOf, txIdOf } from './render';
