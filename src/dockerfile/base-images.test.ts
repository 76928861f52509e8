import { expect, it } from "vitest";
import { readDockerfileFacts } from "./dockerfile-facts.ts";
import { externalBases } from "./base-images.ts";

const bases = (dockerfile: string) => externalBases(readDockerfileFacts(dockerfile));

it("lists the bases a build would pull, leaving out python, earlier stages and scratch", () => {
  expect(bases("FROM python:3.12 AS build\nFROM build\nFROM ubuntu\nFROM scratch\nFROM Build\nFROM ubuntu\n")).toEqual(["ubuntu"]);
  expect(bases('FROM python\nCMD ["python", "app.py"]\n')).toEqual([]);
  expect(bases("FROM registry-1.docker.io/library/python:3.12\nFROM docker.io/library/python@sha256:" + "c".repeat(64) + "\n")).toEqual([]);
});

it("names a base by what its ARGs resolve to, and a stage named like an image is the stage", () => {
  expect(bases("ARG BASE=ubuntu\nARG TAG=22.04\nFROM ${BASE}:${TAG}\n")).toEqual(["ubuntu:22.04"]);
  expect(bases("ARG PY_VERSION=3.12\nFROM python:${PY_VERSION}\n")).toEqual([]);
  expect(bases("FROM alpine AS python\nFROM python\n")).toEqual(["alpine"]);
  expect(bases("FROM registry-1.docker.io/library/ubuntu\n")).toEqual(["registry-1.docker.io/library/ubuntu"]);
});

it("leaves to the engine what it refuses, and lists as written what labgrade cannot expand", () => {
  // An ARG after the first FROM is not in scope for FROM: `$B` is blank, which the engine refuses without pulling.
  expect(bases("FROM scratch\nARG B=x\nFROM $B\n")).toEqual([]);
  expect(bases("ARG PY_VERSION\nFROM python:${PY_VERSION}\nFROM Python\n")).toEqual([]);
  expect(bases("ARG V=3.12\nFROM python:${V%.*}\n")).toEqual(["python:${V%.*}"]);
});
