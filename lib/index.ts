export * from './lead/types';
export { leadFromItem, coerceLead } from './lead/detect';
export { normalizeDelivery, detectNormalizer, NORMALIZERS } from './normalizers';
export { readDelivery, receivedFromItem, deliveryDuplicateKeys, leadItemJson, DeliveryRejection } from './intake/delivery';
export { parseModel, ModelValidationError } from './scoring/model';
export { compileModel, scoreLead } from './scoring/engine';
export { PRESETS } from './scoring/presets';
