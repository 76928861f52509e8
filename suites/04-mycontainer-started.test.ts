import { gradeStep } from "./step.ts";

gradeStep("mycontainer-started");
