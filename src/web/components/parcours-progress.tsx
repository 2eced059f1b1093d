import { progressLabel } from '../parcours/progress.ts';

/**
 * "3 étapes sur 9" with a <progress> bar (the DSFR has none): the text says it, the bar
 * shows it; parcours-progress.js updates both when a box is ticked.
 */
export function ParcoursProgress(props: { read: number; total: number }) {
  return (
    <div class="rp-progress" data-parcours-progress>
      <p class="fr-mb-1w" id="progression-titre">
        Progression :{' '}
        <strong aria-live="polite" data-parcours-progress-text>
          {progressLabel(props.read, props.total)}
        </strong>
      </p>
      <progress
        class="rp-progress__bar"
        max={props.total}
        value={props.read}
        aria-labelledby="progression-titre"
      />
    </div>
  );
}
