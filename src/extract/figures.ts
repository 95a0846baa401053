// The figure grammar lives in ./figures/ (number words, multipliers, currencies, units, ranges, not-figures).
export { extractFigures } from './figures/extract-figures.js';
