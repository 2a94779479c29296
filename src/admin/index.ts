/**
 * User administration's public face: its pages and API (mounted by app.ts), the training and
 * vetting service, and what the child index asks of a user's standing (004 Box 6.1).
 */
export { adminRoutes } from './routes.js';
export { describeLapse, indexStanding, trainingService, type IndexStanding, type TrainingService } from './service.js';
export { INDEX_REQUIRES_TRAINING } from './settings.js';
export { adminWaiting } from './waiting.js';
export { DUE_WITHIN_DAYS, INDEX_REQUIREMENTS, TRAINING_KINDS, TRAINING_KIND_LABELS, type TrainingKind } from './training.js';

/** The one write the demo makes: its users' training and vetting, once each (they are authorised users of the index). */
export { insertTrainingIfNone } from './repository.js';
