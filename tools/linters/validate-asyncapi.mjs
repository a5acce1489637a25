// Parse AsyncAPI documents with the official parser and print every diagnostic as JSON.
// Usage: node validate-asyncapi.mjs FILE...   Exit code 1 when any document has an error.
import { readFile } from "node:fs/promises";
import { Parser, DiagnosticSeverity } from "@asyncapi/parser";

const parser = new Parser();
const findings = [];
for (const file of process.argv.slice(2)) {
  const { diagnostics } = await parser.parse(await readFile(file, "utf8"), { source: file });
  for (const d of diagnostics) {
    findings.push({
      file,
      code: d.code,
      severity: DiagnosticSeverity[d.severity].toLowerCase(),
      path: d.path.join("."),
      message: d.message,
    });
  }
}
process.stdout.write(JSON.stringify(findings, null, 2) + "\n");
process.exitCode = findings.some((f) => f.severity === "error") ? 1 : 0;
