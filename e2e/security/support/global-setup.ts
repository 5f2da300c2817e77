import { resetFigures } from "./figures";

export default function globalSetup(): void {
  resetFigures();
}
