export const HISTOGRAM_HEIGHT = 170;
