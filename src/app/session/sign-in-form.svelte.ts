/** The sign-in form: fields, busy flag and the engine's error message. Keeps no secrets. */
import type { Result, Session } from '../../engine/api.ts';

export type SignIn = (username: string, password: string) => Promise<Result<Session>>;

export class SignInForm {
  username = $state('');
  password = $state('');
  busy = $state(false);
  error = $state<string | null>(null);

  readonly canSubmit: boolean = $derived(this.username.trim() !== '' && this.password !== '' && !this.busy);

  constructor(username = '') {
    this.username = username;
  }

  async submit(signIn: SignIn): Promise<boolean> {
    if (!this.canSubmit) return false;
    this.busy = true;
    this.error = null;
    try {
      const result = await signIn(this.username.trim(), this.password);
      if (result.ok) {
        this.password = '';
        return true;
      }
      this.error = result.error.message;
      return false;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      return false;
    } finally {
      this.busy = false;
    }
  }
}
