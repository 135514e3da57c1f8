/**
 * The production server (`npm start`, the Docker image): refuses to start
 * without the app's real credentials, then serves the build.
 */
import { productionEnvironmentProblems } from "./environment";

const problems = productionEnvironmentProblems(process.env);
if (problems.length) {
  console.error(`Checkout Guard will not start:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
  process.exit(1);
}
process.env.NODE_ENV ??= "production";
const { startServer } = await import("./start");
await startServer({ host: process.env.HOST, port: Number(process.env.PORT || 3000) });
