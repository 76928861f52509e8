import { describe, expect, it } from "vitest";
import { withClassReasons } from "./class-trust.ts";

const shared = { code: "class-shared-engine", message: "The same Docker engine collected the evidence of ana, bo." };
const same = { code: "class-same-containers", message: "The container `mycontainer` is in the evidence of ana, bo." };

describe("withClassReasons", () => {
  it("lists a shared engine alone without doubting collected evidence", () => {
    expect(withClassReasons({ level: "collected", reasons: [] }, [shared])).toEqual({ level: "collected", reasons: [shared] });
  });
  it("makes evidence suspicious with any reason that is more than a signal", () => {
    expect(withClassReasons({ level: "collected", reasons: [], note: "format 1: fewer checks" }, [shared, same])).toEqual({ level: "suspicious", reasons: [shared, same], note: "format 1: fewer checks" });
  });
  it("leaves live and none as they are, and lists a reason once", () => {
    expect(withClassReasons({ level: "live", reasons: [] }, [same])).toEqual({ level: "live", reasons: [] });
    expect(withClassReasons({ level: "none", reasons: [] }, [same])).toEqual({ level: "none", reasons: [] });
    expect(withClassReasons({ level: "suspicious", reasons: [same] }, [same]).reasons).toEqual([same]);
  });
});
