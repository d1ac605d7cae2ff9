// The e2e suite's SMTP receiver (a second webServer in playwright.config.ts): the app sends its mail
// here, and tests read what arrived from MAIL_FOLDER.
import { rmSync } from "node:fs";
import { startSmtpSink } from "../tests/support/smtp-sink";

export const MAIL_FOLDER = "data/e2e-mail";
rmSync(MAIL_FOLDER, { recursive: true, force: true });
const sink = await startSmtpSink({ port: Number(process.env.E2E_SMTP_PORT ?? 3125), folder: MAIL_FOLDER });
console.log(`e2e mail sink on ${sink.url}`);
