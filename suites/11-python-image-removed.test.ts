import { gradeStep } from "./step.ts";

gradeStep("python-image-removed");
