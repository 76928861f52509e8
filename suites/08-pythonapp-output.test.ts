import { gradeStep } from "./step.ts";

gradeStep("pythonapp-output");
