import { gradeStep } from "./step.ts";

gradeStep("hello-world-removed");
