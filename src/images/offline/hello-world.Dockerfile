# labgrade's offline substitute for hello-world: the static binary built from hello.c, nothing else.
FROM scratch
COPY hello /hello
LABEL org.labgrade.substitute="offline"
CMD ["/hello"]
