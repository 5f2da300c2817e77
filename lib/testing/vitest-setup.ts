import { inject } from "vitest";
import { useTestRun } from "./test-run";

// Runs before each test file, in its process: hands it the run's directory and template databases (lib/testing/global-setup.ts).
useTestRun(inject("testRun"));
