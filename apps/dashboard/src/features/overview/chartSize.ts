export const CLOSES_CHART_HEIGHT = 260;
