import { gradeStep } from "./step.ts";

gradeStep("pythonapp-plot");
