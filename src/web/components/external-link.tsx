import type { ComponentChildren } from 'preact';

/**
 * A link to another site, opened in a new window as the DSFR does it: the title says so
 * (RGAA 13.2), `noopener` keeps the other site from reaching back into this one.
 */
export function ExternalLink(props: {
  href: string;
  /** What the title repeats before « nouvelle fenêtre »: the link's text. */
  label: string;
  class?: string;
  children?: ComponentChildren;
}) {
  return (
    <a
      {...(props.class === undefined ? {} : { class: props.class })}
      href={props.href}
      target="_blank"
      rel="noopener"
      title={`${props.label} - nouvelle fenêtre`}
    >
      {props.children ?? props.label}
    </a>
  );
}
