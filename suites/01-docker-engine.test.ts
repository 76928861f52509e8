import { gradeStep } from "./step.ts";

gradeStep("docker-engine");
