import { ReperesError } from './reperes-error.ts';

/** A form sent with a session cookie but without this session's anti-forgery token. */
export class CsrfError extends ReperesError {
  override name = 'CsrfError';
  constructor() {
    super(
      'csrf_invalid',
      'Ce formulaire a expiré ou ne vient pas de Repères : rechargez la page et recommencez.',
    );
  }
}
