import { expect, it } from "vitest";
import { readDockerfileFacts } from "../evidence/dockerfile-facts.ts";
import { externalBases } from "./base-images.ts";

it("lists the bases a build would pull, leaving out python, earlier stages and scratch", () => {
  const facts = readDockerfileFacts("FROM python:3.12 AS build\nFROM build\nFROM ubuntu\nFROM scratch\nARG B=x\nFROM $B\n");
  expect(externalBases(facts)).toEqual(["ubuntu", "$B"]);
  expect(externalBases(readDockerfileFacts("FROM python\nCMD [\"python\", \"app.py\"]\n"))).toEqual([]);
});
