import { dsfrAsset, staticAsset } from '../assets.ts';
import { siteName } from './site.ts';

/** The page's <head>: title, description, DSFR and site styles, icons of the brand. */
export function PageHead(props: {
  title: string;
  description?: string | undefined;
  state: boolean;
}) {
  const { state } = props;
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="format-detection" content="telephone=no,date=no,address=no,email=no,url=no" />
      <title>{`${props.title} – ${siteName}`}</title>
      {props.description === undefined ? null : (
        <meta name="description" content={props.description} />
      )}
      <meta name="theme-color" content="#000091" />
      {/* Before the styles: the saved colour scheme applies before the first paint. */}
      <script src={staticAsset('colour-scheme.js')} />
      <link rel="stylesheet" href={dsfrAsset('dsfr.min.css')} />
      <link rel="stylesheet" href={dsfrAsset('utility/icons/icons-system/icons-system.min.css')} />
      <link rel="stylesheet" href={dsfrAsset('utility/icons/icons-arrows/icons-arrows.min.css')} />
      <link
        rel="stylesheet"
        href={dsfrAsset('utility/icons/icons-document/icons-document.min.css')}
      />
      <link rel="stylesheet" href={staticAsset('site.css')} />
      {state ? (
        <>
          <link rel="apple-touch-icon" href={dsfrAsset('favicon/apple-touch-icon.png')} />
          <link rel="icon" href={dsfrAsset('favicon/favicon.svg')} type="image/svg+xml" />
          <link rel="shortcut icon" href={dsfrAsset('favicon/favicon.ico')} type="image/x-icon" />
        </>
      ) : (
        <link rel="icon" href={staticAsset('favicon-neutre.svg')} type="image/svg+xml" />
      )}
    </head>
  );
}
