using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KeyAccountPipeline.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CheckpointCorrections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "CorrectsChangeId",
                table: "CheckpointChanges",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_CheckpointChanges_CorrectsChangeId",
                table: "CheckpointChanges",
                column: "CorrectsChangeId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CheckpointChanges_CorrectsChangeId",
                table: "CheckpointChanges");

            migrationBuilder.DropColumn(
                name: "CorrectsChangeId",
                table: "CheckpointChanges");
        }
    }
}
