// The one way Keyward sends mail: SMTP through nodemailer when KEYWARD_SMTP_URL is set, otherwise
// the message is written to the server log, so that a link (an invitation, a sign-up confirmation)
// is never silently dropped on an install without mail. Callers learn which happened.
import "server-only";
import nodemailer, { type Transporter } from "nodemailer";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

const holder = globalThis as unknown as { [key: symbol]: { url: string; transporter: Transporter } | undefined };
const SLOT = Symbol.for("keyward.mailTransport");

function transporter(url: string): Transporter {
  const current = holder[SLOT];
  if (current?.url === url) return current.transporter;
  const created = nodemailer.createTransport(url, { from: process.env.KEYWARD_MAIL_FROM ?? "Keyward <no-reply@keyward.local>" });
  holder[SLOT] = { url, transporter: created };
  return created;
}

/** Sends a mail; `delivered` is false when no SMTP is configured and the mail went to the log. */
export async function sendMail(mail: Mail): Promise<{ delivered: boolean }> {
  const url = process.env.KEYWARD_SMTP_URL?.trim();
  if (!url) {
    console.log(`keyward: mail to ${mail.to} (no KEYWARD_SMTP_URL set, so it is logged here): ${mail.subject}\n${mail.text}`);
    return { delivered: false };
  }
  await transporter(url).sendMail(mail);
  return { delivered: true };
}

/** Whether mail leaves the server (so a page can say "we emailed you" or show the link itself). */
export const mailConfigured = () => Boolean(process.env.KEYWARD_SMTP_URL?.trim());
