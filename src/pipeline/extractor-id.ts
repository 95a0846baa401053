import { EXTRACTOR_NAME, EXTRACTOR_VERSION } from '../extract/index.js';

/** "name@version" of the rules this build extracts with, stored with every claim they make. */
export const extractorId = (): string => `${EXTRACTOR_NAME}@${EXTRACTOR_VERSION}`;
