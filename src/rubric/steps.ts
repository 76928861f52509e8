// The lab as data. The step ids are a public contract: reports, tests and instructors' rubric files use them.
export const STEP_IDS = [
  "docker-engine",
  "hello-world-ran",
  "mycontainer-created",
  "mycontainer-started",
  "hello-world-removed",
  "pythonapp-dockerfile",
  "pythonapp-build",
  "pythonapp-output",
  "pythonapp-plot",
  "pythonapp-image",
  "python-image-removed",
] as const;

export type StepId = (typeof STEP_IDS)[number];

export interface Step {
  id: StepId;
  title: string;
  points: number;
}

export const DEFAULT_STEPS: readonly Step[] = [
  { id: "docker-engine", title: "The Docker client and an engine answer", points: 10 },
  { id: "hello-world-ran", title: "hello-world ran and printed its greeting", points: 10 },
  { id: "mycontainer-created", title: "mycontainer was created from hello-world with -i -t", points: 10 },
  { id: "mycontainer-started", title: "mycontainer was started and printed hello-world's output", points: 10 },
  { id: "hello-world-removed", title: "The hello-world image was removed after use", points: 10 },
  { id: "pythonapp-dockerfile", title: "The Dockerfile: FROM python, pip install numpy matplotlib, COPY the app, CMD", points: 5 },
  { id: "pythonapp-build", title: "The Dockerfile builds", points: 10 },
  { id: "pythonapp-output", title: "The app prints the squaring function's numbers and exits 0", points: 15 },
  { id: "pythonapp-plot", title: "The app plots y = x² with the handout's title and labels", points: 10 },
  { id: "pythonapp-image", title: "An image tagged pythonapp exists", points: 5 },
  { id: "python-image-removed", title: "The python image was removed", points: 5 },
];
