import { gradeStep } from "./step.ts";

gradeStep("mycontainer-created");
