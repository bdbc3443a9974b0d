/**
 * The diff the canvas draws (its type is the canvas's); kept here too, beside `marksOf` that
 * makes it, for the editor screen that hands it from the version history to the canvas.
 */
export type { CanvasMarks } from '../canvas/canvas-marks.ts';
