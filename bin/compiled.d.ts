/** The repository's root folder. */
export declare const ROOT: string;
/** Whether dist/ was built after the last change to any file under src/ (bin/ctp.js runs it only then). */
export declare function compiledIsCurrent(): boolean;
