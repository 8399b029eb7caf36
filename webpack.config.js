/**
 * Builds the task pane and the ribbon's function file, as in the `yo office` React template.
 *
 *   npm run build                      production build in dist/ (office.js from Microsoft's CDN)
 *   ADDIN_PUBLIC_URL=https://addins.example.fr/pilotage-avs/ npm run build
 *                                      same, with the manifest's URLs pointing at that address
 *   npm run build:dev                  development build
 *   npm run dev-server                 HTTPS on https://localhost:3000 (office-addin-dev-certs)
 *   webpack --env officeJs=local       office.js copied from @microsoft/office-js (no network)
 *
 * exceljs is only reached through `import()` in src/taskpane/session.ts: it is its own chunk,
 * loaded when a file is imported or a workbook built, never in the initial load.
 */
const path = require('node:path');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const { Compilation, WebpackError, sources } = require('webpack');
const { manifestFor } = require('./scripts/addin-manifest');
// webpack's own minimizer plugin (its dependency), told to use SWC
const MinimizerPlugin = require('minimizer-webpack-plugin');

/** A production build without ADDIN_PUBLIC_URL says so, loudly, in webpack's output. */
class WarnPlugin {
  constructor(message) {
    this.message = message;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('WarnPlugin', (compilation) => void compilation.warnings.push(new WebpackError(this.message)));
  }
}

/** dist/build-info.json: how dist/ was built, so that the browser test rebuilds a dev build. */
class BuildInfoPlugin {
  constructor(info) {
    this.info = info;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('BuildInfoPlugin', (compilation) =>
      compilation.hooks.processAssets.tap({ name: 'BuildInfoPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () =>
        compilation.emitAsset('build-info.json', new sources.RawSource(JSON.stringify(this.info))),
      ),
    );
  }
}

const CDN_OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/** Only for `webpack serve`; a certificate that cannot be made is a French message, not a stack. */
async function httpsOptions() {
  try {
    return await require('./scripts/https-options').httpsOptions();
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}

module.exports = async (env = {}, options = {}) => {
  const dev = options.mode === 'development';
  const manifest = (source) => manifestFor(source.toString(), { production: !dev, publicUrl: process.env.ADDIN_PUBLIC_URL });
  const { url: publicUrl, development, warning } = manifest('');
  const localOfficeJs = env.officeJs === 'local';
  const officeJs = localOfficeJs ? 'office-js/office.js' : CDN_OFFICE_JS;

  return {
    devtool: dev ? 'source-map' : false,
    entry: {
      taskpane: './src/taskpane/index.tsx',
      commands: './src/commands/commands.ts',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: '[name].[contenthash:8].js',
      chunkFilename: '[name].[contenthash:8].js',
      clean: true,
    },
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'swc-loader',
            options: {
              jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2019' },
              // keep ES modules so that webpack splits `import()` into chunks
              module: { type: 'es6' },
            },
          },
        },
      ],
    },
    // SWC minifies (@swc/core is already here for jest): several times faster than Terser
    optimization: { minimizer: [new MinimizerPlugin({ minify: MinimizerPlugin.swcMinify, minimizerOptions: { compress: true, mangle: true } })] },
    performance: { maxEntrypointSize: 600_000, maxAssetSize: 1_500_000 },
    plugins: [
      new BuildInfoPlugin({ mode: dev ? 'development' : 'production', officeJs: localOfficeJs ? 'local' : 'cdn', publicUrl, manifest: development ? 'développement (localhost)' : 'production' }),
      ...(warning ? [new WarnPlugin(warning)] : []),
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './src/taskpane/taskpane.html', chunks: ['taskpane'], officeJs }),
      new HtmlWebpackPlugin({ filename: 'commands.html', template: './src/commands/commands.html', chunks: ['commands'], officeJs }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          { from: 'assets/aide.html', to: 'aide.html' },
          { from: 'src/taskpane/taskpane.css', to: 'taskpane.css' },
          // ES5, not bundled: it must parse in Internet Explorer 11 (test/taskpane/legacy-check.test.ts)
          { from: 'src/taskpane/legacy-check.js', to: 'legacy-check.js' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => (dev ? content : manifest(content).xml),
          },
          ...(localOfficeJs ? [{ from: 'node_modules/@microsoft/office-js/dist', to: 'office-js', globOptions: { ignore: ['**/*.debug.js', '**/*.d.ts'] } }] : []),
        ],
      }),
    ],
    devServer: {
      port: 3000,
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: { type: 'https', options: env.WEBPACK_SERVE ? await httpsOptions() : {} },
      static: { directory: path.resolve(__dirname, 'dist') },
    },
  };
};
