import { gradeStep } from "./step.ts";

gradeStep("pythonapp-image");
