import { describeFigures, sumFigures, writeFiguresReport } from "./figures";

/** Prints the run's figures (the README's Security section quotes them) and keeps them as JSON. */
export default function globalTeardown(): void {
  const figures = sumFigures();
  writeFiguresReport(figures);
  console.log(`\n[security] figures of this run\n${describeFigures(figures)}\n`);
}
