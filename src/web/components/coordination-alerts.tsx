import type { ComponentChildren } from 'preact';

/** The success and error messages of the coordinators' pages (DSFR alerts). */

export function SuccessAlert({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="fr-alert fr-alert--success fr-mb-4w" role="status">
      <h2 class="fr-alert__title">{title}</h2>
      {children}
    </div>
  );
}

export function ErrorAlert({ title, message }: { title: string; message: string }) {
  return (
    <div class="fr-alert fr-alert--error fr-mb-4w" role="alert">
      <h2 class="fr-alert__title">{title}</h2>
      <p>{message}</p>
    </div>
  );
}
