import { z } from 'zod';
import { EmailSchema } from '../email-address.ts';
import { passwordMessage, passwordProblems } from './password-policy.ts';

const Name = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `${label} is required.`)
    .max(100, `${label} is too long.`)
    .refine(
      (v) => !/[\u0000-\u001f\u007f]/.test(v),
      `${label} has characters that are not allowed.`,
    );

export const PasswordSchema = z.string().superRefine((pw, ctx) => {
  const problems = passwordProblems(pw);
  if (problems.length > 0) ctx.addIssue({ code: 'custom', message: passwordMessage(problems) });
});

/** One schema for the sign-up form, the setup page and `laurel user:create`. */
export const NewAccountSchema = z.object({
  firstName: Name('First name'),
  lastName: Name('Last name'),
  email: EmailSchema,
  password: PasswordSchema,
});
export type NewAccountInput = z.input<typeof NewAccountSchema>;

/** Field name → first message, for forms and the documented `details`. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    out[key] ??= issue.message;
  }
  return out;
}
