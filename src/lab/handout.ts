// The handout's app and Dockerfile, as the lab gives them. Bulk grading does not flag students who hand
// these in verbatim as the same work: the whole class was given them.
export const HANDOUT_FILES: Readonly<Record<string, string>> = {
  "app.py": `import numpy as np
import matplotlib.pyplot as pl

x=np.arange(10)
y=x**2
print("This is the squaring function")
print(x,y)
pl.plot(x,y)
pl.title('Squaring Function')
pl.xlabel('Numerical')
pl.ylabel('Square')
pl.show()
`,
  Dockerfile: `FROM python
WORKDIR /app
COPY . /app
RUN pip install numpy matplotlib
CMD ["python", "app.py"]
`,
};
